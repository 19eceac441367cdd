package dev.heartbeat;

/**
 * Thrown by the {@link HeartbeatBuilder} when two targets are given the same name: the
 * state file and the health report could not tell them apart.
 *
 * @since 0.1.0
 */
public class DuplicateTargetNameException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String name;

	private final String firstType;

	private final String secondType;

	/**
	 * Create an exception for two targets with one name.
	 * @param name the name both targets have
	 * @param first the target added first
	 * @param second the target added second
	 */
	public DuplicateTargetNameException(String name, HeartbeatTarget first, HeartbeatTarget second) {
		super("Two heartbeat targets are named '" + name + "'");
		this.name = name;
		this.firstType = first.getClass().getName();
		this.secondType = second.getClass().getName();
	}

	/**
	 * The name both targets have.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * The class of the target added first.
	 * @return the class name
	 */
	public String getFirstType() {
		return this.firstType;
	}

	/**
	 * The class of the target added second.
	 * @return the class name
	 */
	public String getSecondType() {
		return this.secondType;
	}

}
