from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext

from .display import number


class TextBoxField(forms.CharField):
    """The text of a ``<textarea>``, its line breaks one character each.

    A browser counts a line break as one character against ``maxlength`` but sends it as two
    (CR LF): without this, a text the browser let through at the limit would be refused here.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


def show_length_limits(form):
    """Say under each text box of ``form`` how many characters it holds: the browser stops
    the typing there (``maxlength``), and the person should know why."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea) and field.max_length:
            limit = gettext("At most %(limit)s characters.") % {"limit": number(field.max_length)}
            field.help_text = f"{field.help_text} {limit}".strip()


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
