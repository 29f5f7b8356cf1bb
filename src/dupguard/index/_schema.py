"""Schemas: which column holds which kind of value."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from dupguard.errors import InvalidSchema, SchemaReason

__all__ = ["KINDS", "Field", "Schema"]

#: The kinds of field dupguard knows how to normalize, block on and compare.
KINDS: Final = frozenset(
    {"company", "person", "name", "email", "phone", "domain", "country", "text", "exact", "date"}
)


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a schema: its ``name`` in the records and its ``kind``.

    Examples:
        >>> Field("email", "email")
        Field(name='email', kind='email')
    """

    name: str
    kind: str


class Schema:
    """Maps column names to kinds of value; names the id column.

    Args:
        fields: column name → kind, one of :data:`KINDS`: ``company``, ``person`` (a whole
            person's name), ``name`` (one part of a person's name, e.g. a given name), ``email``,
            ``phone``, ``domain`` (website), ``country``, ``text`` (free text such as an address),
            ``exact`` (compared for equality after folding: codes, postcodes), ``date``.
            Any field may hold one value or several (a list or tuple, or a string that the
            normalizer splits: emails and phones on ``;``, ``,``, ``/``…).
        id: the column holding each record's unique id.
        region: default phone region (ISO alpha-2) for numbers typed without a country code.
            ``None`` leaves such numbers to the phone normalizer's own inference.
        max_block_size: a blocking key shared by more records than this is demoted (still
            scored, never used to generate candidates). ``None`` derives it from the data size.

    Raises:
        InvalidSchema: ``NO_FIELDS``, ``UNKNOWN_KIND``, ``BAD_NAME`` or ``BAD_PARAMETER``.

    Examples:
        >>> s = Schema({"given_name": "name", "surname": "name", "dob": "date"}, id="rec_id")
        >>> [f.kind for f in s], s.id
        (['name', 'name', 'date'], 'rec_id')
        >>> Schema.customers().kind("website")
        'domain'
    """

    __slots__ = ("_fields", "id", "max_block_size", "region")

    _fields: tuple[Field, ...]
    id: str
    region: str | None
    max_block_size: int | None

    def __init__(
        self,
        fields: Mapping[str, str],
        /,
        *,
        id: str = "id",
        region: str | None = None,
        max_block_size: int | None = None,
    ) -> None:
        if not isinstance(fields, Mapping) or not fields:
            raise InvalidSchema(SchemaReason.NO_FIELDS, fields)
        built = []
        for name, kind in fields.items():
            if not isinstance(name, str) or not name or name == id:
                raise InvalidSchema(SchemaReason.BAD_NAME, name)
            if kind not in KINDS:
                raise InvalidSchema(SchemaReason.UNKNOWN_KIND, kind, f"field {name!r}")
            built.append(Field(name, kind))
        if not isinstance(id, str) or not id:
            raise InvalidSchema(SchemaReason.BAD_NAME, id, "id column")
        if region is not None and not (isinstance(region, str) and len(region) == 2):
            raise InvalidSchema(SchemaReason.BAD_PARAMETER, region, "region must be ISO alpha-2")
        if max_block_size is not None and (
            not isinstance(max_block_size, int) or max_block_size < 2
        ):
            raise InvalidSchema(SchemaReason.BAD_PARAMETER, max_block_size, "max_block_size >= 2")
        object.__setattr__(self, "_fields", tuple(built))
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "region", region.upper() if region else None)
        object.__setattr__(self, "max_block_size", max_block_size)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Schema is immutable")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled through the constructor (process pools and Spark workers receive schemas).

        Examples:
            >>> import pickle
            >>> s = Schema({"n": "name"}, id="key", region="cn")
            >>> pickle.loads(pickle.dumps(s)) == s
            True
        """
        return (
            functools.partial(Schema, id=self.id, region=self.region, max_block_size=self.max_block_size),
            ({f.name: f.kind for f in self._fields},),
        )

    @classmethod
    def customers(cls, *, region: str | None = None) -> Schema:
        """The default CRM schema: ``id, company, contact, email, phone, website, country, address``.

        Examples:
            >>> [f"{f.name}:{f.kind}" for f in Schema.customers()][:3]
            ['company:company', 'contact:person', 'email:email']
        """
        return cls(
            {
                "company": "company",
                "contact": "person",
                "email": "email",
                "phone": "phone",
                "website": "domain",
                "country": "country",
                "address": "text",
            },
            id="id",
            region=region,
        )

    @property
    def fields(self) -> tuple[Field, ...]:
        """The fields in declaration order.

        Examples:
            >>> Schema({"n": "name"}).fields
            (Field(name='n', kind='name'),)
        """
        return self._fields

    def kind(self, name: str, /) -> str:
        """The kind of field *name* (``KeyError`` if the schema has no such field).

        Examples:
            >>> Schema({"n": "name"}).kind("n")
            'name'
        """
        for f in self._fields:
            if f.name == name:
                return f.kind
        raise KeyError(name)

    def __iter__(self) -> Iterator[Field]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schema):
            return NotImplemented
        return self._signature() == other._signature()

    def __hash__(self) -> int:
        return hash(self._signature())

    def _signature(self) -> tuple[object, ...]:
        return (self._fields, self.id, self.region, self.max_block_size)

    def __repr__(self) -> str:
        inner = ", ".join(f"{f.name!r}: {f.kind!r}" for f in self._fields)
        return f"Schema({{{inner}}}, id={self.id!r})"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready description (used inside :meth:`Model.to_json`).

        Examples:
            >>> Schema({"n": "name"}, id="k").to_dict()["id"]
            'k'
        """
        return {
            "fields": [[f.name, f.kind] for f in self._fields],  # a list keeps the order in JSON
            "id": self.id,
            "region": self.region,
            "max_block_size": self.max_block_size,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object], /) -> Schema:
        """Inverse of :meth:`to_dict`.

        Examples:
            >>> s = Schema.customers()
            >>> Schema.from_dict(s.to_dict()) == s
            True
        """
        fields = data.get("fields")
        if isinstance(fields, list | tuple):
            try:
                fields = {str(k): str(v) for k, v in fields}
            except (TypeError, ValueError):
                raise InvalidSchema(SchemaReason.NO_FIELDS, data) from None
        if not isinstance(fields, Mapping):
            raise InvalidSchema(SchemaReason.NO_FIELDS, data)
        ident = data.get("id", "id")
        region = data.get("region")
        mbs = data.get("max_block_size")
        return cls(
            {str(k): str(v) for k, v in fields.items()},
            id=str(ident),
            region=region if isinstance(region, str) else None,
            max_block_size=mbs if isinstance(mbs, int) else None,
        )
