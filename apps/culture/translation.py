from modeltranslation.translator import TranslationOptions, register

from .models import Club, ClubPhoto, Dance


@register(Club)
class ClubTranslation(TranslationOptions):
    fields = ("name", "description", "schedule_note", "meeting_place")


@register(ClubPhoto)
class ClubPhotoTranslation(TranslationOptions):
    fields = ("alt",)
    required_languages = ("vi", "en")


@register(Dance)
class DanceTranslation(TranslationOptions):
    fields = ("name", "description", "meaning", "occasion")
