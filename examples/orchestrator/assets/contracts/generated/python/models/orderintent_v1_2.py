# Generated from OrderIntent@1.2 (sha256:2401f546cf6cda29621bb4eba4c53fad78e868229bcd28f44c4d1529c23e7295). Do not edit; run generate-contracts.
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class OrderIntent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_id: Literal["OrderIntent@1.2"] = Field(alias="schema")
    intent_id: str
    symbol: str
    side: Literal["buy", "sell"]
    quantity: str
    limit_price: Decimal
    stop_loss: Decimal | None = None
    take_profit: Decimal | None = None
    time_in_force: Literal["GTC", "IOC", "FOK"]
    created_at: str
