// Generated from Signal@1.0 (sha256:65ae74ec24a29a8112d19f68a67fcb0964f75368a5e2ecc38aa7643ddb7397cc). Do not edit; run generate-contracts.
#property strict
#include <Contracts/Wire.mqh>

bool ParseSignal(string wire, Signal &out, string &error)
  {
   int digits = (int)MarketInfo(Field(wire, "symbol"), MODE_DIGITS);
   if(digits <= 0) { error = "unknown_symbol"; return(false); }
   return(true);
  }

string FormatSignalPrice(double value, string symbol)
  {
   return(DoubleToString(value, (int)MarketInfo(symbol, MODE_DIGITS)));
  }
