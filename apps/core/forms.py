from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class CheckedUserNameMixin:
    """The user name's length checked on the server too, for every sign-in form.

    Django sets the length only on the HTML field, so an over-long name reached authenticate()
    and the sign-in throttle, whose database column refused it (an error page on PostgreSQL).
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))

    def clean(self):
        if self.errors.get("username"):
            # Do not try to sign in with a name that cannot exist.
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return super().clean()


class SignInForm(CheckedUserNameMixin, AuthenticationForm):
    """The portal's sign-in form (officials, jurors, staff)."""


class AdminSignInForm(CheckedUserNameMixin, AdminAuthenticationForm):
    """The admin's sign-in form: the same checks as the portal's."""
