#!/usr/bin/env python3
"""The Python peers of `mercato bench amqp`: pika 1.3.2 and aio-pika 10.2.1, run with the tools venv (scripts/setup).

Each mode publishes (or consumes) up to --messages 1 KiB persistent messages on an existing durable queue, stopping
early after --seconds, and prints one JSON line: messages, seconds, the broker's CPU seconds over the same interval
(utime+stime of --broker-pid from /proc, or null without it) and this process's own. Connecting happens before the clock starts.

  publish-pika-confirm      BlockingConnection, confirm_delivery(): each basic_publish waits for its ack
  publish-pika-unconfirmed  BlockingConnection, no confirms; ends with one synchronous method on the same channel,
                            so every publish has reached the broker's channel process before the clock stops
  publish-aio-pika-confirm  aio-pika with publisher_confirms=True and --window publishes awaiting their confirm
  consume-pika              BlockingConnection, basic_qos(prefetch_count=--prefetch), ack(multiple=True) every --ack-every
"""
import argparse, asyncio, json, os, sys, time

def broker_cpu(pid):
    """utime+stime of the broker's VM in seconds, or None."""
    if not pid:
        return None
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def own_cpu():
    """This process's user+system CPU seconds."""
    times = os.times()
    return times.user + times.system

class Clock:
    """Wall time and broker CPU between start() and stop()."""
    def __init__(self, pid):
        self.pid = pid
    def start(self):
        self.cpu0, self.own0, self.t0 = broker_cpu(self.pid), own_cpu(), time.perf_counter()
    def elapsed(self):
        return time.perf_counter() - self.t0
    def report(self, messages):
        seconds, cpu1 = self.elapsed(), broker_cpu(self.pid)
        cpu = None if cpu1 is None else cpu1 - self.cpu0
        print(json.dumps({"messages": messages, "seconds": seconds, "broker_cpu_seconds": cpu,
                          "client_cpu_seconds": own_cpu() - self.own0}), flush=True)

def publish_pika(args, confirm):
    import pika
    connection = pika.BlockingConnection(pika.URLParameters(args.url))
    channel = connection.channel()
    if confirm:
        channel.confirm_delivery()
    body, props = b"x" * args.size, pika.BasicProperties(delivery_mode=2)
    clock = Clock(args.broker_pid)
    clock.start()
    sent = 0
    while sent < args.messages and (sent % 100 or clock.elapsed() < args.seconds):
        channel.basic_publish("", args.queue, body, props)
        sent += 1
    if not confirm:
        channel.queue_declare(args.queue, passive=True)  # a round trip after the last publish on the same channel
    clock.report(sent)
    connection.close()

async def publish_aio_pika(args):
    import aio_pika
    connection = await aio_pika.connect(args.url)
    channel = await connection.channel(publisher_confirms=True)
    body = b"x" * args.size
    exchange = channel.default_exchange
    clock = Clock(args.broker_pid)
    clock.start()
    pending, sent = set(), 0
    while sent < args.messages and (sent % 100 or clock.elapsed() < args.seconds):
        if len(pending) >= args.window:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()
        message = aio_pika.Message(body, delivery_mode=aio_pika.DeliveryMode.PERSISTENT)
        pending.add(asyncio.ensure_future(exchange.publish(message, routing_key=args.queue)))
        sent += 1
    if pending:
        for task in (await asyncio.wait(pending))[0]:
            task.result()
    clock.report(sent)
    await connection.close()

def consume_pika(args):
    import pika
    connection = pika.BlockingConnection(pika.URLParameters(args.url))
    channel = connection.channel()
    channel.basic_qos(prefetch_count=args.prefetch)
    clock = Clock(args.broker_pid)
    received = 0

    def on_message(ch, method, properties, body):
        nonlocal received
        received += 1
        done = received >= args.messages or clock.elapsed() >= args.seconds
        if received % args.ack_every == 0 or done:
            ch.basic_ack(method.delivery_tag, multiple=True)
        if done:
            ch.stop_consuming()

    clock.start()
    channel.basic_consume(args.queue, on_message)
    channel.start_consuming()
    clock.report(received)
    connection.close()

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["publish-pika-confirm", "publish-pika-unconfirmed", "publish-aio-pika-confirm", "consume-pika"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--queue", required=True)
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--prefetch", type=int, default=100)
    parser.add_argument("--ack-every", type=int, default=50)
    parser.add_argument("--broker-pid", type=int)
    args = parser.parse_args()
    if args.mode == "publish-pika-confirm":
        publish_pika(args, confirm=True)
    elif args.mode == "publish-pika-unconfirmed":
        publish_pika(args, confirm=False)
    elif args.mode == "publish-aio-pika-confirm":
        asyncio.run(publish_aio_pika(args))
    else:
        consume_pika(args)

if __name__ == "__main__":
    sys.exit(main())
