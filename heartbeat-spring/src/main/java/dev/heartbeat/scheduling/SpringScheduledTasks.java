package dev.heartbeat.scheduling;

import java.beans.Introspector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.tasks.TaskSource;
import dev.heartbeat.tasks.TaskView;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.Task;
import org.springframework.scheduling.support.ScheduledMethodRunnable;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The tasks Spring schedules, from every {@link ScheduledTaskHolder} bean (the
 * {@code @Scheduled} post-processor is one): {@code @Scheduled} methods and tasks
 * registered through a {@code SchedulingConfigurer}. Read again on each judging, so that
 * tasks scheduled later are seen and cancelled ones dropped; each task is named once.
 * <p>
 * A {@code @Scheduled} method is named {@code <beanName>.<methodName>}, such as
 * {@code reportJob.export}; any other task by its runnable's {@code toString()}. A second
 * task of one name gets {@code #2}, a third {@code #3}, in the order first seen.
 *
 * @since 0.1.0
 */
public final class SpringScheduledTasks implements TaskSource, ApplicationListener<ContextRefreshedEvent> {

	private final ConfigurableListableBeanFactory beanFactory;

	private final ObjectProvider<ScheduledTaskHolder> holders;

	// guarded by this: each task named once, and kept while a holder holds it
	private final Map<ScheduledTask, SpringTaskView> views = new IdentityHashMap<>();

	private final Map<Runnable, String> namesByRunnable = new IdentityHashMap<>();

	private final Map<String, Integer> namesTaken = new HashMap<>();

	private final Map<Object, String> beanNames = new IdentityHashMap<>();

	private volatile boolean refreshed;

	/**
	 * Create a source of the tasks of a bean factory's holders.
	 * @param beanFactory the bean factory, which names the beans of {@code @Scheduled}
	 * methods
	 */
	public SpringScheduledTasks(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		this.holders = beanFactory.getBeanProvider(ScheduledTaskHolder.class);
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (event.getApplicationContext().getAutowireCapableBeanFactory() == this.beanFactory) {
			this.refreshed = true;
		}
	}

	/**
	 * The tasks of every holder, in the order the holders list them; none before the
	 * context is refreshed, when Spring schedules them.
	 * @return the tasks
	 */
	@Override
	public synchronized List<TaskView> tasks() {
		if (!this.refreshed) {
			return List.of();
		}
		List<TaskView> tasks = new ArrayList<>();
		Map<ScheduledTask, SpringTaskView> seen = new IdentityHashMap<>();
		this.holders.orderedStream().forEach((holder) -> {
			for (ScheduledTask task : holder.getScheduledTasks()) {
				SpringTaskView view = this.views.get(task);
				if (view == null) {
					view = new SpringTaskView(uniqueName(task), task);
					this.namesByRunnable.put(task.getTask().getRunnable(), view.name());
				}
				if (seen.putIfAbsent(task, view) == null) {
					tasks.add(view);
				}
			}
		});
		// a cancelled task that no holder holds any more is forgotten
		this.views.keySet().retainAll(seen.keySet());
		this.views.putAll(seen);
		this.namesByRunnable.values().retainAll(seen.values().stream().map(SpringTaskView::name).toList());
		return tasks;
	}

	@Override
	public boolean complete() {
		return this.refreshed;
	}

	/**
	 * The name of the task a scheduler runs, by the runnable it was given.
	 * @param runnable the runnable of a task ({@code Task.getRunnable()})
	 * @return the task's name, or {@code null} if no holder holds that task
	 */
	synchronized @Nullable String nameOf(Runnable runnable) {
		String name = this.namesByRunnable.get(runnable);
		if (name == null && this.refreshed) {
			// a task scheduled since the last judging: the holders name it now
			tasks();
			name = this.namesByRunnable.get(runnable);
		}
		return name;
	}

	private String uniqueName(ScheduledTask task) {
		String name = baseName(task.getTask().getRunnable());
		int count = this.namesTaken.merge(name, 1, Integer::sum);
		return (count == 1) ? name : name + "#" + count;
	}

	private String baseName(Runnable runnable) {
		ScheduledMethodRunnable method = scheduledMethod(runnable);
		if (method != null) {
			return beanName(method.getTarget()) + "." + method.getMethod().getName();
		}
		return runnable.toString();
	}

	// Spring wraps the runnable of each task to track its outcome (Task's
	// OutcomeTrackingRunnable), and shows the runnable it wraps by its toString() only
	private static @Nullable ScheduledMethodRunnable scheduledMethod(Runnable runnable) {
		if (runnable instanceof ScheduledMethodRunnable method) {
			return method;
		}
		Field wrapped = ReflectionUtils.findField(runnable.getClass(), "runnable", Runnable.class);
		if (wrapped == null || !Task.class.equals(runnable.getClass().getEnclosingClass())) {
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(wrapped);
			return (wrapped.get(runnable) instanceof ScheduledMethodRunnable method) ? method : null;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			// named by its toString() instead: the class and method, without the bean
			return null;
		}
	}

	private String beanName(Object target) {
		return this.beanNames.computeIfAbsent(target, this::findBeanName);
	}

	private String findBeanName(Object target) {
		for (String name : this.beanFactory.getBeanNamesForType(ClassUtils.getUserClass(target), true, false)) {
			if (this.beanFactory.containsSingleton(name) && this.beanFactory.getSingleton(name) == target) {
				return name;
			}
		}
		for (String name : this.beanFactory.getSingletonNames()) {
			if (this.beanFactory.getSingleton(name) == target) {
				return name;
			}
		}
		return Introspector.decapitalize(ClassUtils.getUserClass(target).getSimpleName());
	}

}
