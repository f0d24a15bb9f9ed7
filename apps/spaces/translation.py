from modeltranslation.translator import TranslationOptions, register

from .models import LearningSpace, Photo


@register(LearningSpace)
class LearningSpaceTranslation(TranslationOptions):
    fields = ("name", "description", "activities")


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("alt",)
    required_languages = ("vi", "en")
