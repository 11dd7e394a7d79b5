/*
 * speed-linux.c - the simulator speed benchmark's compute loop (speed.c,
 * included whole) as a static Linux/MIPS program, for qemu-mipsel's
 * column in bench/simspeed/run: user-mode emulation by a JIT that counts
 * no cycles, as a yardstick for pmaxsim's speed, not a rival model.
 * Built with nolibc (as bench/linux's programs): memset and printf stand
 * in for the bare runtime's kmemset and kprintf.
 */
#define SPEED_LINUX
#define kmemset memset
#define kprintf printf

void kmain(void);

#include "speed.c"

int main(void)
{
	kmain();
	return 0;
}
