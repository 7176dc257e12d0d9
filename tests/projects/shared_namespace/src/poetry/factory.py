class Factory: pass
