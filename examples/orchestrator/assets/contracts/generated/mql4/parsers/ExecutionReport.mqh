// Generated from ExecutionReport@1.0 (sha256:ec4d134bc4175108c78330039ebe8da1629a0f4e05edc3a44b0c6aeafd0609ca). Do not edit; run generate-contracts.
#property strict
#include <Contracts/Wire.mqh>

bool ParseExecutionReport(string wire, ExecutionReport &out, string &error)
  {
   int digits = (int)MarketInfo(Field(wire, "symbol"), MODE_DIGITS);
   if(digits <= 0) { error = "unknown_symbol"; return(false); }
   for(int i = 0; i < ArraySize(out.fills); i++)
      if(!ParsePrice(FieldAt(wire, "fills", i, "price"), digits, out.fills[i].price)) { error = "precision_exceeded: fills[].price"; return(false); }
   return(true);
  }

string FormatExecutionReportPrice(double value, string symbol)
  {
   return(DoubleToString(value, (int)MarketInfo(symbol, MODE_DIGITS)));
  }
