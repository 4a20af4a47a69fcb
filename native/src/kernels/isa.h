// Shared by the kernel files: MLCNN_ISA names the level a file is compiled for (native/CMakeLists.txt), and
// MLCNN_JOIN(table_, MLCNN_ISA) names its table. Macros only: see conv_pool_kernels.cpp on why no code is shared.
#pragma once

#ifndef MLCNN_ISA
#error "MLCNN_ISA names the kernel table (v4, v3 or base); native/CMakeLists.txt sets it"
#endif
#define MLCNN_JOIN2(a, b) a##b
#define MLCNN_JOIN(a, b) MLCNN_JOIN2(a, b)
