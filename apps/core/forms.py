from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext, gettext_lazy

from .display import number
from .images import check_image, delete_renditions, save_renditions


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


class PhotoForm(forms.ModelForm):
    """A new photo of a page (a learning space, a club): the file is checked by its content
    before anything is stored, and says what it shows in both languages.

    An app's form names its model: ``class Meta(PhotoForm.Meta): model = Photo``. The model has
    ``alt_vi``, ``alt_en``, ``order``, ``renditions``, ``set_renditions()`` and
    ``upload_prefix()`` (as the spaces' and the clubs' photos do).
    """

    upload = forms.FileField(
        label=gettext_lazy("Photo"),
        help_text=gettext_lazy(
            "JPEG, PNG, WebP or GIF, at most 10 MB. The location stored in the photo is removed."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )

    class Meta:
        fields = ["upload", "alt_vi", "alt_en", "order"]
        labels = {
            "alt_vi": gettext_lazy("What the photo shows (Vietnamese)"),
            "alt_en": gettext_lazy("What the photo shows (English)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_vi"].required = True
        self.fields["alt_en"].required = True
        if self.instance.pk:
            self.fields["upload"].required = False
        self.checked_image = None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                self.checked_image = check_image(upload)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from None
        return upload

    def save(self, commit=True):
        photo = super().save(commit=False)
        if self.checked_image is not None:
            old = list(photo.renditions or [])
            prefix = type(photo).upload_prefix()
            photo.set_renditions(save_renditions(self.checked_image, prefix))
            if old:
                delete_renditions(old)
        if commit:
            photo.save()
        return photo
