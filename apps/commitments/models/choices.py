"""The fixed lists a commitment is described by: GNLC key features, units, directions, statuses."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyFeature(models.TextChoices):
    """The UNESCO GNLC "Key Features of Learning Cities" a commitment serves."""

    # Wider benefits
    EMPOWERMENT = "empowerment-cohesion", _("Individual empowerment and social cohesion")
    PROSPERITY = "economy-culture", _("Economic development and cultural prosperity")
    SUSTAINABILITY = "sustainable-development", _("Sustainable development")
    # Major building blocks
    EDUCATION_SYSTEM = "education-system", _("Inclusive learning in the education system")
    FAMILIES = "families-communities", _("Revitalised learning in families and communities")
    WORKPLACE = "workplace", _("Effective learning for and in the workplace")
    TECHNOLOGIES = "learning-technologies", _("Extended use of modern learning technologies")
    QUALITY = "quality", _("Enhanced quality in learning")
    CULTURE = "culture-of-learning", _("A vibrant culture of learning throughout life")
    # Fundamental conditions
    POLITICAL_WILL = "political-will", _("Strong political will and commitment")
    GOVERNANCE = "governance", _("Governance and participation of all stakeholders")
    RESOURCES = "resources", _("Mobilisation and utilisation of resources")


class FrameworkArea(models.TextChoices):
    """The three parts of the GNLC framework that group the key features."""

    BENEFITS = "wider-benefits", _("Wider benefits")
    BUILDING_BLOCKS = "building-blocks", _("Major building blocks")
    CONDITIONS = "fundamental-conditions", _("Fundamental conditions")


FEATURES_BY_AREA = {
    FrameworkArea.BENEFITS: [
        KeyFeature.EMPOWERMENT,
        KeyFeature.PROSPERITY,
        KeyFeature.SUSTAINABILITY,
    ],
    FrameworkArea.BUILDING_BLOCKS: [
        KeyFeature.EDUCATION_SYSTEM,
        KeyFeature.FAMILIES,
        KeyFeature.WORKPLACE,
        KeyFeature.TECHNOLOGIES,
        KeyFeature.QUALITY,
        KeyFeature.CULTURE,
    ],
    FrameworkArea.CONDITIONS: [
        KeyFeature.POLITICAL_WILL,
        KeyFeature.GOVERNANCE,
        KeyFeature.RESOURCES,
    ],
}
AREA_OF_FEATURE = {
    feature: area for area, features in FEATURES_BY_AREA.items() for feature in features
}


class Unit(models.TextChoices):
    PERCENT = "percent", _("percent")
    COUNT = "count", _("count")
    VND = "vnd", _("Vietnamese đồng (VND)")
    YES_NO = "yes-no", _("yes or no")


class Direction(models.TextChoices):
    RAISE = "raise", _("raise to the target")
    LOWER = "lower", _("lower to the target")
    KEEP = "keep", _("keep at or above the target")


class Status(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on-track", _("On track")
    AT_RISK = "at-risk", _("At risk")
    OFF_TRACK = "off-track", _("Off track")
    NO_DATA = "no-data", _("No data yet")


# How far (in percentage points of the way to the target) a commitment may lag the straight
# path from its baseline to its target and still be "at risk" rather than "off track".
AT_RISK_MARGIN = Decimal(15)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


def _bounded(percent):
    return max(Decimal(0), min(HUNDRED, percent)).quantize(TENTH, rounding=ROUND_HALF_UP)
