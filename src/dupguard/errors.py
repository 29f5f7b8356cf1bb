"""The exception tree of dupguard, and the machine-readable reasons each error carries.

Every error raised on purpose by dupguard is a :class:`DupguardError`. Errors about a *value*
(an email, a phone number, a record, an event) are also :class:`ValueError`, so code that already
catches ``ValueError`` keeps working. Each carries ``.reason`` (a :class:`~enum.StrEnum` member:
assert on it, never on message text) and ``.value`` (what was rejected), and pickles, so errors
survive multiprocessing and Spark workers::

    DupguardError
    ├── NormalizationError (ValueError)
    │   ├── InvalidEmail          reason: EmailReason
    │   ├── InvalidPhone          reason: PhoneReason
    │   ├── InvalidCompanyName    reason: CompanyReason
    │   ├── InvalidPersonName     reason: PersonReason
    │   ├── InvalidDomain         reason: DomainReason
    │   └── InvalidText           reason: TextReason
    ├── InvalidRecord (ValueError)      reason: RecordReason; .record_id, .field
    ├── InvalidSchema (ValueError)      reason: SchemaReason
    ├── InvalidModel (ValueError)       reason: ModelReason
    └── AttributionError (ValueError)
        ├── InvalidEvent                reason: EventReason; .event_id
        ├── InvalidPolicy               reason: PolicyReason; .parameter
        └── RejectedAction              reason: ActionReason; .event_id

Examples:
    >>> from dupguard.errors import InvalidEmail, EmailReason
    >>> err = InvalidEmail(EmailReason.NO_AT_SIGN, "bob.example.com")
    >>> err.reason, err.value
    (<EmailReason.NO_AT_SIGN: 'no_at_sign'>, 'bob.example.com')
    >>> isinstance(err, ValueError)
    True
    >>> import pickle
    >>> pickle.loads(pickle.dumps(err)).reason is EmailReason.NO_AT_SIGN
    True
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

__all__ = [
    "ActionReason",
    "AttributionError",
    "CompanyReason",
    "DomainReason",
    "DupguardError",
    "EmailReason",
    "EventReason",
    "InvalidCompanyName",
    "InvalidDomain",
    "InvalidEmail",
    "InvalidEvent",
    "InvalidModel",
    "InvalidPersonName",
    "InvalidPhone",
    "InvalidPolicy",
    "InvalidRecord",
    "InvalidSchema",
    "InvalidText",
    "ModelReason",
    "NormalizationError",
    "PersonReason",
    "PhoneReason",
    "PolicyReason",
    "RecordReason",
    "RejectedAction",
    "SchemaReason",
    "TextReason",
]

_MAX_SHOWN = 80


def _shown(value: object) -> str:
    """A bounded repr: a 10 MB input must not become a 10 MB message (nor cost a 10 MB repr)."""
    if isinstance(value, str | bytes) and len(value) > _MAX_SHOWN:
        return repr(value[: _MAX_SHOWN - 15]) + f"… ({len(value)} chars)"
    text = repr(value)
    if len(text) > _MAX_SHOWN:
        return text[: _MAX_SHOWN - 15] + f"… ({len(text)} chars)"
    return text


# --- reasons -------------------------------------------------------------------------------


class TextReason(StrEnum):
    """Why a text value was rejected."""

    NOT_A_STRING = "not_a_string"
    EMPTY = "empty"
    TOO_LONG = "too_long"


class EmailReason(StrEnum):
    """Why an email address was rejected."""

    NOT_A_STRING = "not_a_string"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_AT_SIGN = "no_at_sign"
    BAD_LOCAL_PART = "bad_local_part"
    BAD_DOMAIN = "bad_domain"
    SYNTAX = "syntax"


class PhoneReason(StrEnum):
    """Why a phone number was rejected."""

    NOT_A_STRING = "not_a_string"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOT_A_NUMBER = "not_a_number"
    TOO_SHORT = "too_short"
    INVALID_COUNTRY_CODE = "invalid_country_code"
    INVALID_NUMBER = "invalid_number"
    UNKNOWN_REGION = "unknown_region"  # the region= argument is not a region phonenumbers knows


class CompanyReason(StrEnum):
    """Why a company name was rejected."""

    NOT_A_STRING = "not_a_string"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_NAME = "no_name"


class PersonReason(StrEnum):
    """Why a person's name was rejected."""

    NOT_A_STRING = "not_a_string"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_NAME = "no_name"


class DomainReason(StrEnum):
    """Why a domain, host or URL was rejected."""

    NOT_A_STRING = "not_a_string"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_HOST = "no_host"
    IP_ADDRESS = "ip_address"
    BAD_LABEL = "bad_label"
    NO_REGISTRABLE_DOMAIN = "no_registrable_domain"


class RecordReason(StrEnum):
    """Why a record was rejected by the index or a batch function."""

    NOT_A_MAPPING = "not_a_mapping"
    MISSING_ID = "missing_id"
    BAD_ID = "bad_id"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_ID = "unknown_id"
    BAD_VALUE_TYPE = "bad_value_type"


class SchemaReason(StrEnum):
    """Why a schema was rejected."""

    UNKNOWN_KIND = "unknown_kind"
    NO_FIELDS = "no_fields"
    BAD_NAME = "bad_name"
    BAD_PARAMETER = "bad_parameter"
    MISMATCH = "mismatch"  # data prepared for one schema, used with another


class ModelReason(StrEnum):
    """Why a model (its parameters, its JSON, its training data) was rejected."""

    BAD_JSON = "bad_json"
    BAD_PARAMETER = "bad_parameter"
    SCHEMA_MISMATCH = "schema_mismatch"
    NOT_ENOUGH_DATA = "not_enough_data"


class EventReason(StrEnum):
    """Why an attribution event was rejected."""

    NAIVE_DATETIME = "naive_datetime"
    NEGATIVE_AMOUNT = "negative_amount"
    BAD_AMOUNT = "bad_amount"
    BAD_CURRENCY = "bad_currency"
    UNKNOWN_KIND = "unknown_kind"
    MISSING_FIELD = "missing_field"
    BAD_FIELD = "bad_field"
    MISSING_MANAGER = "missing_manager"
    MISSING_REASON = "missing_reason"
    CONFLICTING_DUPLICATE = "conflicting_duplicate"
    MIXED_CURRENCIES = "mixed_currencies"


class PolicyReason(StrEnum):
    """Why an attribution policy or pool rule was rejected."""

    ZERO_WEIGHTS = "zero_weights"
    NEGATIVE_WEIGHT = "negative_weight"
    BAD_PARAMETER = "bad_parameter"
    UNKNOWN_EVENT_KIND = "unknown_event_kind"
    BAD_TIMEZONE = "bad_timezone"


class ActionReason(StrEnum):
    """Why a pool action (claim, release, reassignment) was refused by the rules."""

    ALREADY_OWNED = "already_owned"
    NOT_OWNER = "not_owner"
    QUOTA_EXCEEDED = "quota_exceeded"
    HOLDING_CAP = "holding_cap"
    COOL_DOWN = "cool_down"
    EMBARGO = "embargo"
    LOCKED = "locked"
    NOT_IN_POOL = "not_in_pool"


# --- errors --------------------------------------------------------------------------------


class DupguardError(Exception):
    """Base class of every error dupguard raises on purpose.

    Examples:
        >>> from dupguard.errors import DupguardError, InvalidPhone, PhoneReason
        >>> issubclass(InvalidPhone, DupguardError)
        True
    """


class _ReasonedError(DupguardError, ValueError):
    """An error about a value, with a machine-readable reason."""

    what: ClassVar[str] = "value"

    def __init__(self, reason: StrEnum, value: object = None, message: str | None = None) -> None:
        self.reason = reason
        self.value = value
        self.message = message
        super().__init__(self._text())

    def _text(self) -> str:
        base = f"invalid {self.what} {_shown(self.value)}: {self.reason.value}"
        return f"{base} ({self.message})" if self.message else base

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.reason, self.value, self.message))


class NormalizationError(_ReasonedError):
    """A raw value could not be normalized; ``.reason`` says why, ``.value`` holds the input.

    Examples:
        >>> from dupguard.errors import NormalizationError, InvalidDomain, DomainReason
        >>> try:
        ...     raise InvalidDomain(DomainReason.NO_HOST, "http://")
        ... except NormalizationError as e:
        ...     print(e.reason)
        no_host
    """


class InvalidText(NormalizationError):
    """A text value was not a string, or too long to fold.

    Examples:
        >>> from dupguard.errors import InvalidText, TextReason
        >>> InvalidText(TextReason.NOT_A_STRING, 3).reason
        <TextReason.NOT_A_STRING: 'not_a_string'>
    """

    what = "text"


class InvalidEmail(NormalizationError):
    """An email address could not be parsed.

    Examples:
        >>> from dupguard.errors import InvalidEmail, EmailReason
        >>> str(InvalidEmail(EmailReason.NO_AT_SIGN, "bob"))
        "invalid email 'bob': no_at_sign"
    """

    what = "email"


class InvalidPhone(NormalizationError):
    """A phone number could not be parsed.

    Examples:
        >>> from dupguard.errors import InvalidPhone, PhoneReason
        >>> InvalidPhone(PhoneReason.TOO_SHORT, "12").reason
        <PhoneReason.TOO_SHORT: 'too_short'>
    """

    what = "phone"


class InvalidCompanyName(NormalizationError):
    """A company name had nothing left to match on (empty, or only a legal form).

    Examples:
        >>> from dupguard.errors import InvalidCompanyName, CompanyReason
        >>> InvalidCompanyName(CompanyReason.NO_NAME, "Co., Ltd.").reason
        <CompanyReason.NO_NAME: 'no_name'>
    """

    what = "company name"


class InvalidPersonName(NormalizationError):
    """A person's name had nothing left to match on.

    Examples:
        >>> from dupguard.errors import InvalidPersonName, PersonReason
        >>> InvalidPersonName(PersonReason.NO_NAME, "Mr.").reason
        <PersonReason.NO_NAME: 'no_name'>
    """

    what = "person name"


class InvalidDomain(NormalizationError):
    """A URL, host or email gave no registrable domain.

    Examples:
        >>> from dupguard.errors import InvalidDomain, DomainReason
        >>> InvalidDomain(DomainReason.IP_ADDRESS, "10.0.0.1").reason
        <DomainReason.IP_ADDRESS: 'ip_address'>
    """

    what = "domain"


class InvalidSchema(_ReasonedError):
    """A schema named an unknown field kind or was otherwise malformed.

    Examples:
        >>> from dupguard.errors import InvalidSchema, SchemaReason
        >>> InvalidSchema(SchemaReason.UNKNOWN_KIND, "colour").reason
        <SchemaReason.UNKNOWN_KIND: 'unknown_kind'>
    """

    what = "schema"


class InvalidModel(_ReasonedError):
    """Model parameters, their JSON, or the data to fit them were unusable.

    Examples:
        >>> from dupguard.errors import InvalidModel, ModelReason
        >>> InvalidModel(ModelReason.BAD_JSON, "{").reason
        <ModelReason.BAD_JSON: 'bad_json'>
    """

    what = "model"


class InvalidRecord(_ReasonedError):
    """A record (or one of its fields) was rejected; names the record id and field when known.

    Examples:
        >>> from dupguard.errors import InvalidRecord, RecordReason
        >>> e = InvalidRecord(RecordReason.BAD_VALUE_TYPE, 3.5, record_id="c1", field="email")
        >>> (e.record_id, e.field, e.reason.value)
        ('c1', 'email', 'bad_value_type')
        >>> "c1" in str(e) and "email" in str(e)
        True
    """

    what = "record"

    def __init__(
        self,
        reason: StrEnum,
        value: object = None,
        message: str | None = None,
        *,
        record_id: object = None,
        field: str | None = None,
    ) -> None:
        self.record_id = record_id
        self.field = field
        super().__init__(reason, value, message)

    def _text(self) -> str:
        where = f"record {_shown(self.record_id)}"
        if self.field is not None:
            where += f", field {self.field!r}"
        base = f"{where}: {self.reason.value}, got {_shown(self.value)}"
        return f"{base} ({self.message})" if self.message else base

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_record_error, (self.reason, self.value, self.message, self.record_id, self.field))


def _rebuild_record_error(
    reason: StrEnum, value: object, message: str | None, record_id: object, field: str | None
) -> InvalidRecord:
    return InvalidRecord(reason, value, message, record_id=record_id, field=field)


class AttributionError(_ReasonedError):
    """Base of the attribution errors: bad events, bad policies, refused pool actions.

    Examples:
        >>> from dupguard.errors import AttributionError, InvalidEvent
        >>> issubclass(InvalidEvent, AttributionError)
        True
    """

    what = "attribution input"


class InvalidEvent(AttributionError):
    """An evidence event was malformed (naive time, negative amount, missing manager, …).

    ``.event_id`` names the event when it has one.

    Examples:
        >>> from dupguard.errors import InvalidEvent, EventReason
        >>> e = InvalidEvent(EventReason.NAIVE_DATETIME, "2024-01-01T00:00", event_id="e7")
        >>> e.event_id, e.reason.value
        ('e7', 'naive_datetime')
    """

    what = "event"

    def __init__(
        self,
        reason: StrEnum,
        value: object = None,
        message: str | None = None,
        *,
        event_id: object = None,
    ) -> None:
        self.event_id = event_id
        super().__init__(reason, value, message)

    def _text(self) -> str:
        base = super()._text()
        return f"event {self.event_id!r}: {base}" if self.event_id is not None else base

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_event_error, (type(self), self.reason, self.value, self.message, self.event_id))


class RejectedAction(InvalidEvent):
    """A pool action broke the rules in force (claiming an owned customer, over quota, …).

    Examples:
        >>> from dupguard.errors import RejectedAction, ActionReason
        >>> RejectedAction(ActionReason.ALREADY_OWNED, "cust-1", event_id="e9").reason.value
        'already_owned'
    """

    what = "action"


def _rebuild_event_error(
    cls: type[InvalidEvent], reason: StrEnum, value: object, message: str | None, event_id: object
) -> InvalidEvent:
    return cls(reason, value, message, event_id=event_id)


class InvalidPolicy(AttributionError):
    """A policy or pool rule had an impossible parameter (weights summing to zero, …).

    ``.parameter`` names the parameter.

    Examples:
        >>> from dupguard.errors import InvalidPolicy, PolicyReason
        >>> InvalidPolicy(PolicyReason.ZERO_WEIGHTS, {}, parameter="weights").parameter
        'weights'
    """

    what = "policy"

    def __init__(
        self,
        reason: StrEnum,
        value: object = None,
        message: str | None = None,
        *,
        parameter: str | None = None,
    ) -> None:
        self.parameter = parameter
        super().__init__(reason, value, message)

    def _text(self) -> str:
        base = super()._text()
        return f"parameter {self.parameter!r}: {base}" if self.parameter else base

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_policy_error, (self.reason, self.value, self.message, self.parameter))


def _rebuild_policy_error(
    reason: StrEnum, value: object, message: str | None, parameter: str | None
) -> InvalidPolicy:
    return InvalidPolicy(reason, value, message, parameter=parameter)
