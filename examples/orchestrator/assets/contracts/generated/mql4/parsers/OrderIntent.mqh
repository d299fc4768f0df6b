// Generated from OrderIntent@1.2 (sha256:2401f546cf6cda29621bb4eba4c53fad78e868229bcd28f44c4d1529c23e7295). Do not edit; run generate-contracts.
#property strict
#include <Contracts/Wire.mqh>

bool ParseOrderIntent(string wire, OrderIntent &out, string &error)
  {
   int digits = (int)MarketInfo(Field(wire, "symbol"), MODE_DIGITS);
   if(digits <= 0) { error = "unknown_symbol"; return(false); }
   if(!ParsePrice(Field(wire, "limit_price"), digits, out.limit_price)) { error = "precision_exceeded: limit_price"; return(false); }
   if(!ParsePrice(Field(wire, "stop_loss"), digits, out.stop_loss)) { error = "precision_exceeded: stop_loss"; return(false); }
   if(!ParsePrice(Field(wire, "take_profit"), digits, out.take_profit)) { error = "precision_exceeded: take_profit"; return(false); }
   return(true);
  }

string FormatOrderIntentPrice(double value, string symbol)
  {
   return(DoubleToString(value, (int)MarketInfo(symbol, MODE_DIGITS)));
  }
