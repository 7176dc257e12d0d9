/* CPython names an extension module X from its source Xmodule.c (pymongo/_cmessagemodule.c) */
