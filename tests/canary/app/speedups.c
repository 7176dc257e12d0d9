/* Compiled at test time into app/speedups.<EXT_SUFFIX>: importing it writes the canary. */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>

static struct PyModuleDef speedups = {PyModuleDef_HEAD_INIT, "speedups", NULL, -1, NULL};

PyMODINIT_FUNC PyInit_speedups(void) {
    const char *marker = getenv("IMPORTGUARD_CANARY");
    if (marker != NULL) {
        FILE *f = fopen(marker, "a");
        if (f != NULL) {
            fputs("app/speedups (compiled)\n", f);
            fclose(f);
        }
    }
    PyObject *module = PyModule_Create(&speedups);
    if (module != NULL) {
        PyModule_AddObject(module, "SPEEDUP_NAMES", Py_BuildValue("[s]", "fast_sum"));
    }
    return module;
}
