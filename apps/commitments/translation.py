from modeltranslation.translator import TranslationOptions, register

from .models import Commitment, Measurement


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "responsible_office")


@register(Measurement)
class MeasurementTranslation(TranslationOptions):
    fields = ("note",)
