// The one main of the unit tests; the suites live in the other files of this folder.
#define BOOST_TEST_MODULE mera_unit
#include <boost/test/unit_test.hpp>
