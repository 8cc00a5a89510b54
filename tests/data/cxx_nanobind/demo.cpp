// A nanobind module that needs the whole C++ runtime: STL containers, std::string,
// C++ exceptions mapped to Python's, a global with a constructor, and snprintf.
#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace nb = nanobind;

namespace {
struct Registry {
  std::map<std::string, int> counts;
  Registry() { counts["boot"] = static_cast<int>(std::string("constructed").size()); }
};
Registry registry;  // constructed at DLL load

std::vector<int> doubled(const std::vector<int> &xs) {
  std::vector<int> out;
  for (int x : xs) out.push_back(2 * x);
  return out;
}

std::map<std::string, size_t> lengths(const std::vector<std::string> &words) {
  std::map<std::string, size_t> out;
  for (const auto &w : words) out[w] = w.size();
  return out;
}

std::string greet(const std::string &name) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "hello %s (%zu)", name.c_str(), name.size());
  return buf;
}

int checked(int v) {
  if (v < 0) throw std::out_of_range("negative: " + std::to_string(v));
  if (v > 100) throw std::invalid_argument("too big");
  return v * 2;
}

int caught_inside(int v) {  // an exception thrown and caught in C++ alone
  try {
    return checked(v);
  } catch (const std::exception &e) {
    return -static_cast<int>(std::string(e.what()).size());
  }
}
}  // namespace

NB_MODULE(cxxdemo_nb, m) {
  m.def("doubled", &doubled);
  m.def("lengths", &lengths);
  m.def("greet", &greet);
  m.def("checked", &checked);
  m.def("caught_inside", &caught_inside);
  m.def("boot", [] { return registry.counts.at("boot"); });
}
