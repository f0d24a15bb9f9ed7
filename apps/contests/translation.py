from modeltranslation.translator import TranslationOptions, register

from .models import Category, Contest, Criterion


@register(Contest)
class ContestTranslation(TranslationOptions):
    fields = ("title", "theme", "summary", "rules", "prizes")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "description")
