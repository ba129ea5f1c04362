// Linked into every Refract executable (see the top-level CMakeLists.txt, REFRACT_MIMALLOC).
//
// mimalloc returns freed pages to the kernel 25 ms after they empty by default. Parsing an SDL, building
// a schema or reflecting a database frees and reallocates hundreds of megabytes of small nodes within a
// second, so each run paid a page fault for every page again (a quarter of the samples of a 50,000-type
// SDL parse were page faults). A one-second delay keeps those pages for the next build; the memory still
// goes back to the kernel when the process is idle. MIMALLOC_DECOMMIT_DELAY in the environment still wins.
#include <mimalloc.h>

#include <cstdlib>

namespace {

const bool tuned = [] {
    if (!std::getenv("MIMALLOC_DECOMMIT_DELAY"))
        mi_option_set(mi_option_decommit_delay, 1000);
    return true;
}();

} // namespace
