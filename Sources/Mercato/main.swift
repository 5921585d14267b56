print("mercato: not built yet")
