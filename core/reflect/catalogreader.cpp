#include "catalogreader.h"

// Implementation in progress.
