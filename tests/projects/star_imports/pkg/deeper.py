class Chained: pass
class _Private: pass
class PublicButNotInAll: pass
