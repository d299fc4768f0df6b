# Generated from ExecutionReport@1.0 (sha256:ec4d134bc4175108c78330039ebe8da1629a0f4e05edc3a44b0c6aeafd0609ca). Do not edit; run generate-contracts.
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ExecutionReportFill(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    price: Decimal
    quantity: str


class ExecutionReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_id: Literal["ExecutionReport@1.0"] = Field(alias="schema")
    report_id: str
    intent_id: str
    symbol: str
    status: Literal["filled", "partial", "rejected"]
    reason: str | None = None
    fills: list[ExecutionReportFill]
