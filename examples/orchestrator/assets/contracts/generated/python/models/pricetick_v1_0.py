# Generated from PriceTick@1.0 (sha256:51999cb7e536df197d6c709320cb9e7486e2b05527ab09c7baf01c80a1801d8c). Do not edit; run generate-contracts.
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class PriceTick(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_id: Literal["PriceTick@1.0"] = Field(alias="schema")
    symbol: str
    bid_px: Decimal
    ask_px: Decimal
    ts: str
