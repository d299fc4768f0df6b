# Generated from Signal@1.0 (sha256:65ae74ec24a29a8112d19f68a67fcb0964f75368a5e2ecc38aa7643ddb7397cc). Do not edit; run generate-contracts.
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Signal(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_id: Literal["Signal@1.0"] = Field(alias="schema")
    signal_id: str
    symbol: str
    direction: Literal["long", "short", "flat"]
    confidence: float
    horizon_s: int
    note: str | None = None
