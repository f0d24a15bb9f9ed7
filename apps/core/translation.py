from modeltranslation.translator import TranslationOptions, register

from .models import Area, KeyFigure


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name",)


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("label", "unit", "source")
