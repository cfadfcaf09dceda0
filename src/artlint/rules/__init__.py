"""The registry of built-in rules. A new rule is imported and listed here, by name."""

from artlint.rule import Rule
from artlint.rules import (
    affiliate_link,
    bare_wrapper,
    blank_debris,
    boilerplate_thumbnail,
    copied_attribute,
    double_escaped_entity,
    duplicate_image_fields,
    duplicate_key,
    empty_element,
    empty_field,
    entity_in_front_matter,
    furniture_cover,
    internal_error,
    invalid_date,
    invalid_front_matter,
    invisible_character,
    leftover_comment,
    literal_entity,
    missing_field,
    mojibake,
    needless_entity,
    non_iso_date,
    placeholder_image,
    redirect_link,
    repeated_body_image,
    schema_violation,
    style_attribute,
    style_block,
    thumbnail_repeated_in_body,
    title_repeated,
    truncated_value,
    unclosed_comment,
    unknown_entity,
    unreadable_file,
    unsafe_fix_blocked,
    unterminated_entity,
    unused_suppression,
)

RULES: tuple[Rule, ...] = (
    unreadable_file.RULE,
    invalid_front_matter.RULE,
    leftover_comment.RULE,
    style_block.RULE,
    style_attribute.RULE,
    empty_element.RULE,
    unclosed_comment.RULE,
    copied_attribute.RULE,
    bare_wrapper.RULE,
    invisible_character.RULE,
    title_repeated.RULE,
    blank_debris.RULE,
    mojibake.RULE,
    literal_entity.RULE,
    double_escaped_entity.RULE,
    unknown_entity.RULE,
    unterminated_entity.RULE,
    needless_entity.RULE,
    entity_in_front_matter.RULE,
    thumbnail_repeated_in_body.RULE,
    duplicate_image_fields.RULE,
    repeated_body_image.RULE,
    boilerplate_thumbnail.RULE,
    placeholder_image.RULE,
    furniture_cover.RULE,
    missing_field.RULE,
    empty_field.RULE,
    invalid_date.RULE,
    non_iso_date.RULE,
    duplicate_key.RULE,
    truncated_value.RULE,
    schema_violation.RULE,
    redirect_link.RULE,
    affiliate_link.RULE,
    unused_suppression.RULE,
    unsafe_fix_blocked.RULE,
    internal_error.RULE,
)

UNREADABLE_FILE = unreadable_file.RULE
INTERNAL_ERROR = internal_error.RULE
UNSAFE_FIX_BLOCKED = unsafe_fix_blocked.RULE

_BY_KEY = {r.code: r for r in RULES} | {r.name: r for r in RULES}


def lookup(key: str) -> Rule | None:
    """A rule by code (any case) or by name."""
    return _BY_KEY.get(key.upper()) or _BY_KEY.get(key.lower())
