print("identity: not built yet")
