int bundled_answer(int x);
const char *bundled_system(void);
