print("speclens")
