// Generated from PriceTick@1.0 (sha256:51999cb7e536df197d6c709320cb9e7486e2b05527ab09c7baf01c80a1801d8c). Do not edit; run generate-contracts.
#property strict
#include <Contracts/Wire.mqh>

bool ParsePriceTick(string wire, PriceTick &out, string &error)
  {
   int digits = (int)MarketInfo(Field(wire, "symbol"), MODE_DIGITS);
   if(digits <= 0) { error = "unknown_symbol"; return(false); }
   if(!ParsePrice(Field(wire, "bid_px"), digits, out.bid_px)) { error = "precision_exceeded: bid_px"; return(false); }
   if(!ParsePrice(Field(wire, "ask_px"), digits, out.ask_px)) { error = "precision_exceeded: ask_px"; return(false); }
   return(true);
  }

string FormatPriceTickPrice(double value, string symbol)
  {
   return(DoubleToString(value, (int)MarketInfo(symbol, MODE_DIGITS)));
  }
