"""N-body simulation: float arithmetic on attribute-heavy objects."""

TAGS = ("float", "oop")

import math

PI = 3.14159265358979323
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24
STEPS = 16000
DT = 0.01

# Heliocentric positions (AU), velocities (AU/day) and masses (solar
# masses) of the four outer planets, as used by the classic benchmark.
PLANETS = (
    # x, y, z, vx, vy, vz, mass
    (4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
     9.54791938424326609e-04),
    (8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
     2.85885980666130812e-04),
    (1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
     4.36624404335156298e-05),
    (1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
     5.15138902046611451e-05),
)

# Reference energies, computed with CPython and confirmed identical on
# PyPy, MicroPython and Jython (IEEE doubles, no transcendental calls).
ENERGY_START = -0.16907516382852447
ENERGY_END = -0.169022118202172


class Body(object):
    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx
        self.vy = vy
        self.vz = vz
        self.mass = mass


class System(object):
    def __init__(self):
        sun = Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS)
        bodies = [sun]
        for p in PLANETS:
            bodies.append(Body(p[0], p[1], p[2],
                               p[3] * DAYS_PER_YEAR, p[4] * DAYS_PER_YEAR,
                               p[5] * DAYS_PER_YEAR, p[6] * SOLAR_MASS))
        self.bodies = bodies
        pairs = []
        for i in range(len(bodies)):
            for j in range(i + 1, len(bodies)):
                pairs.append((bodies[i], bodies[j]))
        self.pairs = pairs
        self.offset_momentum()

    def offset_momentum(self):
        px = py = pz = 0.0
        for b in self.bodies:
            px += b.vx * b.mass
            py += b.vy * b.mass
            pz += b.vz * b.mass
        sun = self.bodies[0]
        sun.vx = -px / SOLAR_MASS
        sun.vy = -py / SOLAR_MASS
        sun.vz = -pz / SOLAR_MASS

    def energy(self):
        e = 0.0
        for b in self.bodies:
            e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
        for a, b in self.pairs:
            dx = a.x - b.x
            dy = a.y - b.y
            dz = a.z - b.z
            e -= a.mass * b.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
        return e

    def advance(self, dt, steps):
        pairs = self.pairs
        bodies = self.bodies
        for _ in range(steps):
            for a, b in pairs:
                dx = a.x - b.x
                dy = a.y - b.y
                dz = a.z - b.z
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                bm = b.mass * mag
                am = a.mass * mag
                a.vx -= dx * bm
                a.vy -= dy * bm
                a.vz -= dz * bm
                b.vx += dx * am
                b.vy += dy * am
                b.vz += dz * am
            for b in bodies:
                b.x += dt * b.vx
                b.y += dt * b.vy
                b.z += dt * b.vz


def run():
    system = System()
    e0 = system.energy()
    system.advance(DT, STEPS)
    return (e0, system.energy())


def check(value):
    try:
        e0, e1 = value
    except (TypeError, ValueError):
        return False
    return abs(e0 - ENERGY_START) < 1e-12 and abs(e1 - ENERGY_END) < 1e-12
