"""Tiny ray tracer: vector objects with operator overloading, sphere hits, shadows, reflections."""

import math

TAGS = ("float", "oop")

WIDTH = 80
HEIGHT = 60
MAX_DEPTH = 3


class Vec(object):
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def mul(self, o):
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self.scale(1.0 / self.length())


class Ray(object):
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction.scale(t)


class Material(object):
    def __init__(self, color, diffuse, specular, reflect):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.reflect = reflect


class Sphere(object):
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        """Nearest positive distance along ray (unit direction), or None."""
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > 1e-6:
            return t
        t = -b + root
        if t > 1e-6:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).scale(1.0 / self.radius)


class Plane(object):
    def __init__(self, normal, offset, material, checker):
        self.normal = normal
        self.offset = offset
        self.material = material
        self.checker = checker

    def intersect(self, ray):
        denom = self.normal.dot(ray.direction)
        if -1e-9 < denom < 1e-9:
            return None
        t = -(self.normal.dot(ray.origin) + self.offset) / denom
        if t > 1e-6:
            return t
        return None

    def normal_at(self, point):
        return self.normal


class Light(object):
    def __init__(self, position, color):
        self.position = position
        self.color = color


class Scene(object):
    def __init__(self):
        white = Vec(1.0, 1.0, 1.0)
        self.objects = [
            Sphere(Vec(0.0, 1.0, 5.0), 1.0,
                   Material(Vec(0.9, 0.2, 0.2), 0.7, 0.5, 0.3)),
            Sphere(Vec(-2.25, 0.75, 6.5), 0.75,
                   Material(Vec(0.2, 0.9, 0.3), 0.8, 0.25, 0.1)),
            Sphere(Vec(2.0, 1.5, 7.0), 1.5,
                   Material(Vec(0.3, 0.4, 0.95), 0.6, 0.75, 0.5)),
            Sphere(Vec(0.75, 0.375, 3.5), 0.375,
                   Material(white, 0.5, 1.0, 0.6)),
            Plane(Vec(0.0, 1.0, 0.0), 0.0,
                  Material(Vec(0.8, 0.8, 0.8), 0.9, 0.0, 0.2), True),
        ]
        self.lights = [
            Light(Vec(-5.0, 8.0, -2.0), Vec(0.8, 0.8, 0.75)),
            Light(Vec(6.0, 5.0, 1.0), Vec(0.35, 0.35, 0.45)),
        ]
        self.ambient = Vec(0.08, 0.08, 0.1)
        self.eye = Vec(0.0, 1.5, -2.0)
        self.background = Vec(0.1, 0.15, 0.3)

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, to_light, distance):
        ray = Ray(point, to_light)
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return self.background
        point = ray.at(t)
        normal = obj.normal_at(point)
        material = obj.material
        base = material.color
        if getattr(obj, "checker", False):
            if (int(math.floor(point.x)) + int(math.floor(point.z))) % 2:
                base = base.scale(0.35)
        color = self.ambient.mul(base)
        view = ray.direction
        for light in self.lights:
            offset = light.position - point
            distance = offset.length()
            to_light = offset.scale(1.0 / distance)
            lambert = normal.dot(to_light)
            if lambert <= 0.0 or self.shadowed(point, to_light, distance):
                continue
            color = color + base.mul(light.color).scale(lambert * material.diffuse)
            if material.specular > 0.0:
                # Blinn-Phong highlight with exponent 16 by repeated squaring.
                half = (to_light - view).normalized()
                s = normal.dot(half)
                if s > 0.0:
                    s = s * s
                    s = s * s
                    s = s * s
                    s = s * s
                    color = color + light.color.scale(s * material.specular)
        if depth < MAX_DEPTH and material.reflect > 0.0:
            direction = view - normal.scale(2.0 * view.dot(normal))
            reflected = self.trace(Ray(point, direction.normalized()), depth + 1)
            color = color.scale(1.0 - material.reflect) + reflected.scale(material.reflect)
        return color


def clamp_byte(v):
    if v <= 0.0:
        return 0
    if v >= 1.0:
        return 255
    return int(v * 255.0)


def render(width, height):
    scene = Scene()
    eye = scene.eye
    aspect = 1.0 * width / height
    pixels = []
    for j in range(height):
        y = (1.0 - 2.0 * (j + 0.5) / height) * 0.75
        for i in range(width):
            x = (2.0 * (i + 0.5) / width - 1.0) * aspect * 0.75
            direction = Vec(x, y - 0.25, 1.0).normalized()
            c = scene.trace(Ray(eye, direction), 0)
            pixels.append((clamp_byte(c.x), clamp_byte(c.y), clamp_byte(c.z)))
    return pixels


def run():
    pixels = render(WIDTH, HEIGHT)
    total = 0
    checksum = 0
    for r, g, b in pixels:
        total += r + g + b
        checksum = (checksum * 257 + r * 65536 + g * 256 + b) % 2147483647
    return (len(pixels), total, checksum)


# Computed with CPython; every operation is +, -, *, / or sqrt on IEEE
# doubles, so the byte values are identical on every implementation.
EXPECTED = (4800, 1144471, 660164769)


def check(value):
    return value == EXPECTED
