// CommonMark reference implementation (libcmark).
#include <cmark.h>
