fn never() -> u32 { loop {} }
