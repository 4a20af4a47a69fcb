// File-system facts that .NET does not give portably (the file area of the C ABI): whether a path is a regular file,
// a folder, a symbolic link or something else (a device node, FIFO or socket), and its device and inode numbers. The
// managed side uses them to refuse overwriting device nodes and folders (AtomicFile) and to detect cycles when it walks
// folders through symbolic links (the image folder source).
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "internal.h"

extern "C" int mlcnn_file_stat(const char* path, int follow_links, int* kind, uint64_t* device, uint64_t* inode,
                               int* mode) noexcept {
  MLCNN_TRY
  mlcnn::require(path, "path");
  mlcnn::require(kind, "kind");
  mlcnn::require(device, "device");
  mlcnn::require(inode, "inode");
  mlcnn::require(mode, "mode");
  struct stat st {};
  const int rc = follow_links != 0 ? ::stat(path, &st) : ::lstat(path, &st);
  if (rc != 0) {
    const int error = errno;
    if (error != ENOENT && error != ENOTDIR)
      throw std::runtime_error("cannot read the status of '" + std::string(path) + "': " + std::strerror(error));
    *kind = MLCNN_FILE_MISSING;
    *device = 0;
    *inode = 0;
    *mode = 0;
    return MLCNN_OK;
  }
  *kind = S_ISREG(st.st_mode)   ? MLCNN_FILE_REGULAR
          : S_ISDIR(st.st_mode) ? MLCNN_FILE_DIRECTORY
          : S_ISLNK(st.st_mode) ? MLCNN_FILE_LINK
                                : MLCNN_FILE_OTHER;
  *device = static_cast<uint64_t>(st.st_dev);
  *inode = static_cast<uint64_t>(st.st_ino);
  *mode = static_cast<int>(st.st_mode & 07777);
  MLCNN_CATCH
}
