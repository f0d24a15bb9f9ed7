from modeltranslation.translator import TranslationOptions, register

from .models import Story, Tag


@register(Story)
class StoryTranslation(TranslationOptions):
    fields = ("title", "lead", "body", "image_alt")
    required_languages = ("vi",)


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi",)
