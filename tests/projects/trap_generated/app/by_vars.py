vars().update(GENERATED=True)
