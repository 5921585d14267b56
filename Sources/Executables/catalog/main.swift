print("catalog: not built yet")
