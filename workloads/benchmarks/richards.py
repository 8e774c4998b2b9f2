"""Richards-style OS kernel simulation: task scheduling, packet queues and method dispatch."""

TAGS = ("oop", "int")

# Task identities, in the traditional numbering.
IDLE = 1
WORKER = 2
HANDLER_A = 3
HANDLER_B = 4
DEVICE_A = 5
DEVICE_B = 6

DEVICE_PACKET = 0
WORK_PACKET = 1

BUFFER_SIZE = 4
IDLE_COUNT = 10000
ROUNDS = 2

# With an idle count of 10000 the classic simulation queues 23246 packets
# and holds a task 9297 times.  The device checksums are this file's own
# addition (computed with CPython).
EXPECTED = (23246, 9297)
EXPECTED_OUTPUTS = (12052, 34981)


class Packet(object):
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.value = 0
        self.buffer = [0] * BUFFER_SIZE

    def append_to(self, queue):
        """Put this packet at the end of queue; return the queue's head."""
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task(object):
    """A task control block plus the behaviour of one kind of task."""

    def __init__(self, kernel, ident, priority, queue, packet_pending,
                 waiting):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = packet_pending
        self.waiting = waiting
        self.held = False
        self.next = kernel.task_list
        kernel.task_list = self
        kernel.table[ident] = self

    def blocked(self):
        return self.held or (self.waiting and not self.packet_pending)

    def take_packet(self, packet, sender):
        """Deliver packet; return the task that should run next."""
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > sender.priority:
                return self
        else:
            packet.append_to(self.queue)
        return sender

    def step(self):
        if self.waiting and self.packet_pending and not self.held:
            packet = self.queue
            self.queue = packet.link
            self.waiting = False
            self.packet_pending = self.queue is not None
        else:
            packet = None
        return self.work(packet)

    def work(self, packet):
        raise NotImplementedError

    # Kernel calls a task makes about itself or other tasks.
    def suspend(self):
        self.waiting = True
        return self

    def hold(self):
        self.kernel.hold_count += 1
        self.held = True
        return self.next

    def release(self, ident):
        other = self.kernel.table[ident]
        other.held = False
        if other.priority > self.priority:
            return other
        return self

    def send(self, packet):
        target = self.kernel.table[packet.dest]
        self.kernel.queue_count += 1
        packet.link = None
        packet.dest = self.ident
        return target.take_packet(packet, self)


class IdleTask(Task):
    def __init__(self, kernel, count):
        Task.__init__(self, kernel, IDLE, 1, None, False, False)
        self.seed = 1
        self.count = count

    def work(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.seed & 1:
            self.seed = (self.seed >> 1) ^ 0xD008
            return self.release(DEVICE_B)
        self.seed >>= 1
        return self.release(DEVICE_A)


class WorkerTask(Task):
    def __init__(self, kernel, queue):
        Task.__init__(self, kernel, WORKER, 1000, queue, True, True)
        self.target = HANDLER_A
        self.letter = 0

    def work(self, packet):
        if packet is None:
            return self.suspend()
        if self.target == HANDLER_A:
            self.target = HANDLER_B
        else:
            self.target = HANDLER_A
        packet.dest = self.target
        packet.value = 0
        buf = packet.buffer
        for i in range(BUFFER_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            buf[i] = 64 + self.letter
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        Task.__init__(self, kernel, ident, priority, queue, True, True)
        self.work_queue = None
        self.device_queue = None

    def work(self, packet):
        if packet is not None:
            if packet.kind == WORK_PACKET:
                self.work_queue = packet.append_to(self.work_queue)
            else:
                self.device_queue = packet.append_to(self.device_queue)
        job = self.work_queue
        if job is None:
            return self.suspend()
        index = job.value
        if index >= BUFFER_SIZE:
            self.work_queue = job.link
            return self.send(job)
        device = self.device_queue
        if device is None:
            return self.suspend()
        self.device_queue = device.link
        device.value = job.buffer[index]
        job.value = index + 1
        return self.send(device)


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority):
        Task.__init__(self, kernel, ident, priority, None, False, True)
        self.pending = None
        self.output = 0

    def work(self, packet):
        if packet is None:
            pending = self.pending
            if pending is None:
                return self.suspend()
            self.pending = None
            return self.send(pending)
        self.pending = packet
        # "Print" the character: fold it into a running checksum.
        self.output = (self.output * 31 + packet.value) % 65521
        return self.hold()


class Kernel(object):
    def __init__(self):
        self.task_list = None
        self.table = [None] * 7
        self.queue_count = 0
        self.hold_count = 0

    def schedule(self):
        task = self.task_list
        while task is not None:
            if task.blocked():
                task = task.next
            else:
                task = task.step()


def simulate(count):
    kernel = Kernel()
    IdleTask(kernel, count)

    queue = Packet(None, 0, WORK_PACKET)
    queue = Packet(queue, 0, WORK_PACKET)
    WorkerTask(kernel, queue)

    for ident, priority, device in ((HANDLER_A, 2000, DEVICE_A),
                                    (HANDLER_B, 3000, DEVICE_B)):
        queue = None
        for _ in range(3):
            queue = Packet(queue, device, DEVICE_PACKET)
        HandlerTask(kernel, ident, priority, queue)

    DeviceTask(kernel, DEVICE_A, 4000)
    DeviceTask(kernel, DEVICE_B, 5000)

    kernel.schedule()
    outputs = (kernel.table[DEVICE_A].output, kernel.table[DEVICE_B].output)
    return (kernel.queue_count, kernel.hold_count), outputs


def run():
    results = []
    for _ in range(ROUNDS):
        results.append(simulate(IDLE_COUNT))
    return results


def check(value):
    try:
        if len(value) != ROUNDS:
            return False
        for counts, outputs in value:
            if counts != EXPECTED or outputs != EXPECTED_OUTPUTS:
                return False
        return True
    except (TypeError, ValueError):
        return False
