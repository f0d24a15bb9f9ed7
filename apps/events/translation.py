from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventPhoto, Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "call_text")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "description",
        "place_name",
        "organiser",
        "audience",
        "registration_note",
        "cancellation_note",
    )


@register(EventPhoto)
class EventPhotoTranslation(TranslationOptions):
    fields = ("alt",)
    required_languages = ("vi", "en")
