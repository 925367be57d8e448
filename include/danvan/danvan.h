/**
 * @file danvan.h
 * @brief Umbrella header: include this one to use all of libdanvan.
 */
#ifndef DANVAN_H
#define DANVAN_H

#include "danvan/version.h"
#include "common.h"
#include "error.h"
#include "values.h"
#include "model.h"
#include "dataset.h"
#include "vn.h"
#include "xml.h"
#include "validate.h"
#include "evaluate.h"
#include "import.h"

#endif
