from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext, gettext_lazy

from .display import number
from .images import check_image, delete_renditions, save_renditions
from .models import Area
from .pagecache import memo
from .text import drop_controls

# A search typed into a list's filters is cut here (and said so): longer is no search.
MAX_QUERY_LENGTH = 100
MAX_SLUG_LENGTH = Area._meta.get_field("slug").max_length


class TextBoxField(forms.CharField):
    """The text of a ``<textarea>``, its line breaks one character each.

    A browser counts a line break as one character against ``maxlength`` but sends it as two
    (CR LF): without this, a text the browser let through at the limit would be refused here.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


def refused_status(*forms):
    """The status of a page that shows ``forms``: 400 when a submitted one is refused (it comes
    back with its messages and what was typed), else 200."""
    return 400 if any(form.is_bound and not form.is_valid() for form in forms) else 200


class RefusedFormStatus:
    """For Django's form views (sign-in, password reset): a refused form is answered with 400,
    as every form of the portal answers."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def show_length_limits(form):
    """Say under each text box of ``form`` how many characters it holds: the browser stops
    the typing there (``maxlength``), and the person should know why."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea) and field.max_length:
            limit = gettext("At most %(limit)s characters.") % {"limit": number(field.max_length)}
            field.help_text = f"{field.help_text} {limit}".strip()


def asked_areas(slug):
    """The active area of ``slug`` in a list (empty when there is none).

    Every public list asks it of each uncached request with an area: the active areas by slug
    are kept until content changes (a hundred or so), so the answer costs no query.
    """
    if not (0 < len(slug) <= MAX_SLUG_LENGTH and slug.isascii()):
        return []
    if not slug.replace("-", "").replace("_", "").isalnum():
        return []
    # Shared: the areas are read, never changed, by the lists.
    areas = memo(
        "core:active-areas", lambda: {a.slug: a for a in Area.objects.active()}, shared=True
    )
    return [areas[slug]] if slug in areas else []


class ListFilterForm(forms.Form):
    """A public list's filters, read from the query string: a search (``q``), an area by its
    slug (``area``) and the list's own choices; a bad value is reported and ignored.

    ``areas`` are the areas ``area`` may name (the one asked for, found by the view; none when
    the form only shows valid filters again). A subclass adds its choice fields and says in
    ``refusals`` what to tell the visitor when one of them gets a value it does not offer.
    """

    q = forms.CharField(label=gettext_lazy("Search"), required=False, strip=True)
    area = forms.ChoiceField(label=gettext_lazy("Ward, commune or village"), required=False)

    refusals = {}

    def __init__(self, data, areas, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, *args, **kwargs)
        self.areas = {area.slug: area for area in areas}
        self.fields["area"].choices = [
            ("", gettext_lazy("All areas")),
            *((slug, slug) for slug in self.areas),
        ]
        self.truncated = False

    @classmethod
    def read(cls, query):
        """The form bound to ``query`` (a request's ``GET``) and validated, with its valid
        filters: ``(form, filters)``. Every filter is optional; the valid ones apply, the
        others are reported (``notices()``)."""
        form = cls(query, asked_areas(query.get("area", "")))
        form.is_valid()
        return form, form.filters()

    def clean_q(self):
        value = drop_controls(self.cleaned_data["q"])
        if len(value) > MAX_QUERY_LENGTH:
            self.truncated = True
            value = value[:MAX_QUERY_LENGTH]
        return value.strip()

    def clean_area(self):
        slug = self.cleaned_data["area"]
        return self.areas.get(slug) if slug else None

    def filters(self):
        """The valid filters by name (``""`` for a filter not given or not valid), the area
        by its slug: what a list is found, kept and linked by. Call ``is_valid()`` first."""
        data = self.cleaned_data
        found = {name: data.get(name) or "" for name in self.fields}
        found["area"] = data["area"].slug if data.get("area") else ""
        return found

    def notices(self):
        """Messages about the parts of the query string that could not be used."""
        notices = []
        if self.truncated:
            notices.append(
                gettext("Your search was very long: only its first %(n)s characters were used.")
                % {"n": MAX_QUERY_LENGTH}
            )
        if "area" in self.errors:
            notices.append(
                gettext("There is no ward, commune or village with that name: showing every area.")
            )
        notices += [str(message) for name, message in self.refusals.items() if name in self.errors]
        return notices


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
