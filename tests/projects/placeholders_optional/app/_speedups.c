/* compiled by the build into app/_speedups */
