"""The submission form and the status look-up form."""

import re
import unicodedata
import uuid
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextBoxField, show_length_limits
from apps.core.models import Area
from apps.core.text import drop_controls

from .models import Entry, FileKind
from .works import MAX_UPLOAD_BYTES, accepted_description, examine

PHONE_CHARS = re.compile(r"^\+?[0-9 .\-()]+$")
MAX_CODE_LENGTH = 20
MAX_CONTACT_LENGTH = 254


def _no_controls(value):
    spaced = value.replace("\n", " ").replace("\t", " ")
    if spaced != drop_controls(spaced):
        raise ValidationError(_("Remove the invisible control characters from this text."))
    return value


def clean_phone(value):
    value = value.strip()
    if not value:
        return value
    digits = re.sub(r"\D", "", value)
    if not PHONE_CHARS.match(value) or not 9 <= len(digits) <= 12:
        raise ValidationError(_("Enter a phone number of 9 to 12 digits, such as 0212 385 2001."))
    return value


def safe_file_name(name):
    """The uploaded file's own name, for staff to read only: no folders (``../``), no control
    characters, at most 120 characters. The file is never stored or served under it."""
    name = PurePosixPath(str(name).replace("\\", "/")).name
    name = unicodedata.normalize("NFC", drop_controls(name)).strip(" .")
    return name[-120:]


class EntryForm(forms.ModelForm):
    """An entry to one contest. ``website`` is a trap for robots (hidden); ``token`` makes a
    second click (or a re-sent form) find the first entry instead of making another."""

    work = forms.FileField(
        label=_("Your work (a file)"),
        required=False,
        # The browser's file picker offers these first; the content decides what is accepted.
        widget=forms.FileInput(
            attrs={"accept": "image/*,audio/*,application/pdf,text/plain,.mp3,.m4a,.pdf,.txt"}
        ),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Read by submitted_token(), never an error: a damaged token only loses the double-click
    # protection of that one form.
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = [
            "category",
            "title",
            "description",
            "text",
            "author_name",
            "age_group",
            "school",
            "guardian_name",
            "area",
            "contact_phone",
            "contact_email",
            "consent_to_publish",
        ]
        field_classes = {"description": TextBoxField, "text": TextBoxField}
        widgets = {
            "category": forms.RadioSelect,
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "text": forms.Textarea(attrs={"rows": 8}),
            "age_group": forms.RadioSelect,
        }
        labels = {
            "category": _("Category"),
            "text": _("Your work as text (a poem, an initiative)"),
            "area": _("Your ward or commune"),
            "contact_phone": _("Phone"),
            "contact_email": _("E-mail"),
            "consent_to_publish": _(
                "If my work is selected, the city may publish it with my name "
                "(only initials for pupils under 18)."
            ),
            "age_group": _("Age group (optional)"),
            "school": _("School or class (optional)"),
            "guardian_name": _("Name of a parent or guardian (for pupils under 18)"),
        }
        help_texts = {
            "contact_phone": _(
                "A phone number or an e-mail address (or both). They stay private: only the "
                "contest's organisers see them."
            ),
            "contact_email": _("With an e-mail address you get the receipt by e-mail too."),
        }

    def __init__(self, contest, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.work = None
        self.oversize = {}
        categories = contest.categories.all()
        self.fields["category"].queryset = categories
        self.fields["category"].empty_label = None
        self.fields["category"].label_from_instance = self._category_label
        self.fields["area"].queryset = Area.objects.units().active()
        self.fields["area"].empty_label = _("— choose —")
        self.fields["age_group"].choices = [
            ("", _("Not given")),
            *self.fields["age_group"].choices[1:],
        ]
        self.fields["age_group"].required = False
        largest = max((c.max_file_bytes for c in categories), default=MAX_UPLOAD_BYTES)
        self.max_upload = min(largest, MAX_UPLOAD_BYTES)
        self.fields["work"].help_text = _(
            "A picture for a painting, an audio file for a song, a PDF or a text file for a "
            "poem or an initiative; at most %(limit)s. Checked by its content, not its name."
        ) % {"limit": filesizeformat(self.max_upload)}
        show_length_limits(self)

    @staticmethod
    def _category_label(category):
        return f"{category.name} — {accepted_description(category)}"

    def _clean_text_field(self, name):
        value = self.cleaned_data.get(name, "")
        value = value.strip() if isinstance(value, str) else value
        return _no_controls(value) if value else value

    def clean_author_name(self):
        return self._clean_text_field("author_name")

    def clean_title(self):
        return self._clean_text_field("title")

    def clean_description(self):
        return self._clean_text_field("description")

    def clean_school(self):
        return self._clean_text_field("school")

    def clean_guardian_name(self):
        return self._clean_text_field("guardian_name")

    def clean_text(self):
        value = self.cleaned_data.get("text", "").strip("\n ")
        return _no_controls(value) if value else value

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data.get("contact_phone", ""))

    def clean_work(self):
        if "work" in self.oversize:
            raise ValidationError(
                _(
                    "This file is too large (about %(size)s): files up to %(limit)s are "
                    "accepted. Nothing was stored; choose a smaller file."
                )
                % {
                    "size": filesizeformat(self.oversize["work"]),
                    "limit": filesizeformat(self.max_upload),
                },
                code="too_big",
            )
        return self.cleaned_data.get("work")

    def clean(self):
        data = super().clean()
        category = data.get("category")
        no_contact = not data.get("contact_phone") and not data.get("contact_email")
        if no_contact and not (self.has_error("contact_phone") or self.has_error("contact_email")):
            self.add_error(
                "contact_phone",
                _("Give a phone number or an e-mail address, so the organisers can reach you."),
            )
        minor = data.get("age_group") in ("child", "teen")
        if minor and not data.get("guardian_name") and not self.has_error("guardian_name"):
            self.add_error(
                "guardian_name",
                _("A pupil under 18 sends a work with the name of a parent or guardian."),
            )
        if category is not None and not (self.has_error("work") or self.has_error("text")):
            self._clean_the_work(category, data)
        return data

    def _clean_the_work(self, category, data):
        upload = data.get("work")
        text = data.get("text", "")
        if upload:
            try:
                self.work = examine(upload, category)
            except ValidationError as error:
                self.add_error("work", error)
                return
            data["file_name"] = safe_file_name(getattr(upload, "name", ""))
            if self.work.kind == FileKind.TEXT and len(self.work.text) > category.max_text_chars:
                self.work = None
                self.add_error("work", self._text_too_long(category))
            return
        if not text:
            self.add_error(
                "work",
                _("Send your work: %(accepted)s.") % {"accepted": accepted_description(category)},
            )
        elif not category.accepts_text:
            self.add_error(
                "text",
                _("The category “%(category)s” takes %(accepted)s, not a typed text.")
                % {"category": category.name, "accepted": accepted_description(category)},
            )
        elif len(text) > category.max_text_chars:
            self.add_error("text", self._text_too_long(category))

    @staticmethod
    def _text_too_long(category):
        return _("The text is too long: this category takes at most %(limit)s characters.") % {
            "limit": category.max_text_chars
        }

    def is_robot(self):
        return bool(self.data.get("website"))

    def submitted_token(self):
        """The form's token when it is a valid one (a new form gets a fresh one)."""
        try:
            return uuid.UUID(str(self.data.get("token", "")))
        except ValueError:
            return None


class StatusForm(forms.Form):
    """A reference code and the e-mail or phone given with the entry."""

    code = forms.CharField(
        label=_("Reference code"),
        max_length=MAX_CODE_LENGTH,
        help_text=_("As on your receipt, e.g. SL24-7KQ3M."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    contact = forms.CharField(
        label=_("The e-mail address or phone number you gave"),
        max_length=MAX_CONTACT_LENGTH,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_code(self):
        return drop_controls(self.cleaned_data["code"]).strip()

    def clean_contact(self):
        return drop_controls(self.cleaned_data["contact"]).strip()


def blank_entry_form(contest):
    """A fresh form with a new token (one entry per form shown)."""
    return EntryForm(contest, initial={"token": uuid.uuid4()})
