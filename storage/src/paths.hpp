// The file names of one database: its own path and the files SQLite keeps beside it.
#pragma once

#include <string>

namespace mera::storage {

// SQLite would open "" as a private temporary database and report success on it.
void require_path(const std::string& path);

// The file and its -wal, -shm and -journal, whichever exist; errors ignored.
void remove_database_files(const std::string& path);

}  // namespace mera::storage
