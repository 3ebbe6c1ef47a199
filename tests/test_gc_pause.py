"""gc_pause: batch jobs pause the cyclic garbage collector and always switch it back on."""

import gc

import pytest

from vroegsignaal.gc_pause import cyclic_gc_paused


def test_the_collector_is_off_inside_and_on_again_after():
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_switched_back_on_after_an_error():
    with pytest.raises(ValueError), cyclic_gc_paused():
        raise ValueError("mislukt")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_as_a_decorator_it_pauses_every_call():
    @cyclic_gc_paused()
    def job() -> bool:
        return gc.isenabled()

    assert job() is False and job() is False
    assert gc.isenabled()
