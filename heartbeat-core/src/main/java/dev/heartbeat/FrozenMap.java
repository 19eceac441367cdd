package dev.heartbeat;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable map in insertion order that no one else holds a reference to: a
 * {@link HeartbeatState} keeps one as it is instead of copying it again, so that the
 * static metadata is copied once per heartbeat, not once per beat.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {

	private static final FrozenMap<?, ?> EMPTY = new FrozenMap<>(new LinkedHashMap<>());

	private final Map<K, V> entries;

	private FrozenMap(LinkedHashMap<K, V> owned) {
		this.entries = Collections.unmodifiableMap(owned);
	}

	@SuppressWarnings("unchecked")
	static <K, V> Map<K, V> empty() {
		return (Map<K, V>) EMPTY;
	}

	/**
	 * A frozen copy of a map, or the map itself if it is frozen already.
	 * @param map the map to copy
	 * @return a frozen map with the same entries in the same order
	 */
	@SuppressWarnings("unchecked")
	static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
		if (map instanceof FrozenMap<?, ?> frozen) {
			return (Map<K, V>) frozen;
		}
		return map.isEmpty() ? empty() : new FrozenMap<>(new LinkedHashMap<>(map));
	}

	/**
	 * Freeze a map that the caller made and lets go of: it is not copied.
	 * @param owned a map no one else holds or changes from now on
	 * @return the frozen map
	 */
	static <K, V> Map<K, V> adopt(LinkedHashMap<K, V> owned) {
		return owned.isEmpty() ? empty() : new FrozenMap<>(owned);
	}

	@Override
	public Set<Entry<K, V>> entrySet() {
		return this.entries.entrySet();
	}

	@Override
	public Set<K> keySet() {
		return this.entries.keySet();
	}

	@Override
	public Collection<V> values() {
		return this.entries.values();
	}

	@Override
	public int size() {
		return this.entries.size();
	}

	@Override
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return this.entries.containsKey(key);
	}

	@Override
	public boolean containsValue(@Nullable Object value) {
		return this.entries.containsValue(value);
	}

	@Override
	public @Nullable V get(@Nullable Object key) {
		return this.entries.get(key);
	}

	@Override
	public void forEach(BiConsumer<? super K, ? super V> action) {
		this.entries.forEach(action);
	}

}
