#include "casing.h"

// Implementation in progress.
