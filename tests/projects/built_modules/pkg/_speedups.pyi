def fast(): pass
